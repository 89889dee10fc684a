/**
 * The arrowhead of a compensation flow as a one-icon atlas: a triangle pointing east with its
 * tip at the anchor, drawn as a mask so the layer colours it and getAngle turns it. Sized in
 * pixels, so it reads the same at every zoom.
 */
const SIZE = 64;

type ArrowMapping = {
  arrow: { x: number; y: number; width: number; height: number; anchorX: number; anchorY: number; mask: boolean };
};

let atlas: { url: string; mapping: ArrowMapping } | null = null;

export function flowArrowAtlas() {
  if (atlas) return atlas;
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.moveTo(SIZE, SIZE / 2);
    ctx.lineTo(0, 4);
    ctx.lineTo(SIZE * 0.22, SIZE / 2);
    ctx.lineTo(0, SIZE - 4);
    ctx.closePath();
    ctx.fill();
  }
  atlas = {
    url: canvas.toDataURL('image/png'),
    mapping: { arrow: { x: 0, y: 0, width: SIZE, height: SIZE, anchorX: SIZE, anchorY: SIZE / 2, mask: true } },
  };
  return atlas;
}
