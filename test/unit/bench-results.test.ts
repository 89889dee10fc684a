import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BEGIN,
  type BenchResults,
  END,
  README_PATH,
  RESULTS_PATH,
  renderBenchSection,
  withBenchSection,
} from '../bench/readme-table';

// The full run is `npm run bench`, not CI: this only checks that the published numbers say what
// they measured and that the README shows exactly them.
describe('test/bench/results.json', () => {
  const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;

  it('names the commit, machine and scale it measured', () => {
    expect(results.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect([true, false, null]).toContain(results.commit.dirty);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.memoryBytes).toBeGreaterThan(0);
    expect(results.machine.node).toMatch(/^v\d+\./);
    expect(results.scale.enterprises).toBeGreaterThan(0);
    expect(results.scale.seed).toBeTruthy();
    expect(results.scale.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(results.rows.length).toBeGreaterThan(0);
  });

  it('is what the README bench table shows (regenerate with npm run bench:table)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readme).toContain(BEGIN);
    expect(readme).toContain(END);
    expect(readme).toBe(withBenchSection(readme, renderBenchSection(results)));
  });

  it('refuses a README without the markers', () => {
    expect(() => withBenchSection('# no markers', 'x')).toThrow(/markers/);
  });
});
