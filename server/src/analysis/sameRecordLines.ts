// Apache keeps a per-directory configuration record for the main server, for
// each <VirtualHost>, and for each section (<Directory>, <Location>, <Files>,
// <If>, <Proxy> and their kin) that it reads; <Limit> and the conditional
// sections write to the record around them. A handler that keeps a state in
// its record across lines (ProxyErrorOverride's On/Off) sees what the earlier
// lines of the same record set, in reading order, whatever file they are in.
import type { ConfigModel, LiveDirective } from '../config/buildConfigModel';
import { perModel } from '../config/oncePer';
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { DirectiveNode } from '../parser/ast';
import { linesNamed, proxyModel, type Placed } from './proxyHosts';

/** The earlier lines of a record, in reading order. */
export interface EarlierLines {
  lines: readonly LiveDirective[];
  /**
   * False when lines this model does not hold may come first: the main
   * server's record of a file read on its own, without the main configuration.
   */
  complete: boolean;
}

/** One reading of a line: the lines of its name read before it into the same record are lines[0 .. count). */
interface Reading {
  lines: readonly LiveDirective[];
  count: number;
  complete: boolean;
}

const indexes = perModel(() => new Map<string, Map<DirectiveNode, Reading[]>>());

/**
 * For each time Apache reads `node` (a file included twice is read twice),
 * the earlier lines named `name` in the same record, in reading order;
 * undefined when Apache does not read it as that directive (not in the tree,
 * or refused as unknown or out of place).
 */
export function earlierInSameRecord(model: ConfigModel, node: DirectiveNode, name: string): EarlierLines[] | undefined {
  const lower = name.toLowerCase();
  const byName = indexes(model);
  let index = byName.get(lower);
  if (!index) byName.set(lower, (index = indexOf(model, lower)));
  return index.get(node)?.map((reading) => ({ lines: reading.lines.slice(0, reading.count), complete: reading.complete }));
}

function indexOf(model: ConfigModel, name: string): Map<DirectiveNode, Reading[]> {
  const index = new Map<DirectiveNode, Reading[]>();
  const records = new Map<object, LiveDirective[]>();
  for (const line of linesNamed(proxyModel(model), name)) {
    const record = recordOf(line);
    let lines = records.get(record);
    if (!lines) records.set(record, (lines = []));
    const reading = { lines, count: lines.length, complete: model.definesKnown || record !== proxyModel(model).server };
    const readings = index.get(line.item.node);
    if (readings) readings.push(reading);
    else index.set(line.item.node, [reading]);
    lines.push(line.item);
  }
  return index;
}

/** The section whose record the line writes to, or its host's (verified on 2.4.71: <Limit> shares, <If> and a nested <Files> do not). */
function recordOf(line: Placed): object {
  for (let i = line.within.length - 1; i >= 0; i--) {
    const kind = sectionPlacement(line.within[i].name);
    if (kind && kind !== 'limit') return line.within[i];
  }
  return line.host;
}
