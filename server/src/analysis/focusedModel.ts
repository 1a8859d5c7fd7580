// The editor analyses a few open files of a tree that may hold thousands of
// virtual hosts. A finding in a file that holds only virtual hosts (a site)
// comes from those hosts and the server config they inherit, so the whole-tree
// work (each host's TLS settings, certificates, proxy routes) is done on a view
// of the tree without the other hosts. Rules that compare hosts with each other
// are marked `crossHost` and always see the whole tree. A file that adds
// server-wide lines may change every host, so it gets the whole tree too.
import type { ConfigModel, LiveItem, LiveSection } from '../config/buildConfigModel';
import type { SectionNode } from '../parser/ast';

const views = new WeakMap<ConfigModel, Map<string, ConfigModel>>();

export function focusedModel(model: ConfigModel, path: string): ConfigModel {
  let byPath = views.get(model);
  if (!byPath) {
    byPath = new Map();
    views.set(model, byPath);
  }
  let view = byPath.get(path);
  if (!view) {
    view = viewFor(model, path);
    byPath.set(path, view);
  }
  return view;
}

function viewFor(model: ConfigModel, path: string): ConfigModel {
  const tree: LiveItem[] = [];
  for (const item of model.tree) {
    if (!isVirtualHost(item)) {
      if (touches(item, path)) return model;
      tree.push(item);
    } else if (touches(item, path)) {
      tree.push(item);
    }
  }
  return tree.length === model.tree.length ? model : { ...model, tree };
}

function touches(item: LiveItem, path: string): boolean {
  const pending = [item];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.path === path) return true;
    if (next.kind === 'section') pending.push(...next.children);
  }
  return false;
}

/**
 * The tree without the virtual hosts that stand at its top level, except
 * those whose section is one of `sections`: the server config and the hosts
 * an edit changed (analyzeEdit).
 */
export function hostsView(model: ConfigModel, sections: ReadonlySet<SectionNode>): ConfigModel {
  return { ...model, tree: model.tree.filter((item) => !isVirtualHost(item) || sections.has(item.node)) };
}

function isVirtualHost(item: LiveItem): item is LiveSection {
  return item.kind === 'section' && item.name.toLowerCase() === 'virtualhost';
}
