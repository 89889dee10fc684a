import { useEffect, useState } from 'react';

/** Symbol and label scale: 1 on laptops, larger on 2K/4K wall screens viewed from afar. */
function scaleFor(width: number) {
  if (width >= 3200) return 1.8;
  if (width >= 2200) return 1.3;
  return 1;
}

export function useUiScale(): number {
  const [scale, setScale] = useState(() => scaleFor(window.innerWidth));
  useEffect(() => {
    const onResize = () => setScale(scaleFor(window.innerWidth));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
