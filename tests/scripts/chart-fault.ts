// Loaded into the build's processes with NODE_OPTIONS=--import (tests/scripts/build.test.ts): a chart
// whose SVG holds FAULT_MARKER throws while its page renders, as any chart may (a Vega bug, a spec Vega
// rejects, the safety check of src/components/charts/render-chart.ts). Vega is not bundled into the
// prerendered pages but imported from node_modules, so this patch reaches the instance the pages use.
import { View } from 'vega';

export const FAULT_MARKER = 'sift-test-chart-fault';

const toSVG = View.prototype.toSVG;
View.prototype.toSVG = async function (this: View, ...args: Parameters<View['toSVG']>): Promise<string> {
  const svg = await toSVG.apply(this, args);
  if (svg.includes(FAULT_MARKER)) throw new Error('chart could not be drawn (fault injected by the test)');
  return svg;
};
