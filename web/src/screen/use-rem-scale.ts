import { useEffect, useState } from 'react';

/** The screen's root font size over 16 px: 1 at 1920×1080, 2 at 3840×2160. Canvas drawings use it. */
export function remScale(): number {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / 16 : 1;
}

export function useRemScale(): number {
  const [scale, setScale] = useState(remScale);
  useEffect(() => {
    const onResize = () => setScale(remScale());
    window.addEventListener('resize', onResize);
    onResize();
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
