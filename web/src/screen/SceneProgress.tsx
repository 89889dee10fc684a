import { useEffect, useState } from 'react';

/**
 * Time left in the current scene, as a bar under its tab. It advances in steps of about a
 * second rather than as a CSS animation: a 24/7 screen should not repaint every frame just for
 * this (with software compositing a continuous animation costs a full-screen composite per frame).
 */
export function SceneProgress({ intervalMs }: { intervalMs: number }) {
  const steps = Math.min(60, Math.max(1, Math.round(intervalMs / 1000)));
  const [step, setStep] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setStep((s) => Math.min(steps, s + 1)), intervalMs / steps);
    return () => clearInterval(timer);
  }, [intervalMs, steps]);
  return <span className="s-tab-progress" style={{ transform: `scaleX(${step / steps})` }} />;
}
