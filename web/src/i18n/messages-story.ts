/** The period on every figure and the whole story of an enterprise (issue 14). */
export const storyZh = {
  'asOf.caption': '截至 {date}',
  'asOf.latest': '最新 · 截至 {date}',
  'asOf.label': '本组数字的统计日期',
} as const;

export const storyEn: Partial<Record<keyof typeof storyZh, string>> = {
  'asOf.caption': 'as of {date}',
  'asOf.latest': 'latest · as of {date}',
  'asOf.label': 'The date these figures are counted as of',
};
