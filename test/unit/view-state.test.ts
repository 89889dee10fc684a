import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYERS,
  defaultViewState,
  parseViewState,
  serializeViewState,
  type ViewState,
} from '../../web/src/state/view-state';

describe('view state in the URL', () => {
  it('keeps the default view out of the URL', () => {
    expect(serializeViewState(defaultViewState())).toBe('');
    expect(parseViewState('')).toEqual(defaultViewState());
  });

  it('round-trips every part of the view', () => {
    const s: ViewState = {
      lang: 'en',
      camera: { lon: 118.87, lat: 28.93, zoom: 10.5 },
      layers: { ...DEFAULT_LAYERS, towns: { on: true, opacity: 0.4 }, parks: { on: false, opacity: 0.8 } },
      gridLevel: 3,
      filters: {
        county: '330802',
        town: '330802005',
        park: 12,
        industry: 'C26',
        colours: ['red', 'yellow'],
        keyPollutant: true,
        insured: false,
        anomaly: true,
      },
      selected: { type: 'enterprise', id: 42 },
      period: '2025Q3',
    };
    const search = serializeViewState(s);
    expect(search).toContain('colour=red,yellow');
    expect(search).toContain('sel=enterprise:42');
    expect(search).toContain('anomaly=1');
    expect(search).toContain('map=10.5/28.93/118.87');
    expect(parseViewState(search)).toEqual(s);
  });

  it('falls back to defaults on hostile or malformed values', () => {
    const s = parseViewState(
      '?map=abc&layers=ent.999,bogus.5&county=1%27%20or%201=1&park=-3&industry=DROP&colour=red,purple,red&kp=yes&sel=enterprise:x&period=20251',
    );
    expect(s.camera).toBeNull();
    expect(s.layers.enterprises).toEqual({ on: true, opacity: 1 });
    expect(s.layers.parks.on).toBe(false);
    expect(s.filters).toMatchObject({ county: null, park: null, industry: null, colours: ['red'], keyPollutant: null });
    expect(s.selected).toBeNull();
    expect(s.period).toBeNull();
  });

  it('uses the stored language when the URL has none', () => {
    expect(parseViewState('', 'en').lang).toBe('en');
    expect(parseViewState('?lang=zh', 'en').lang).toBe('zh');
  });
});
