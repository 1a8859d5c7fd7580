// The editor analyses a few open files of a tree that may hold thousands of
// virtual hosts. A finding in a file that holds only virtual hosts (a site)
// comes from those hosts and the server config they inherit, so the whole-tree
// work (each host's TLS settings, certificates, proxy routes) is done on a view
// of the tree without the other hosts. Rules that compare hosts with each other
// are marked `crossHost` and always see the whole tree. A file that adds
// server-wide lines may change every host, so it gets the whole tree too.
import type { ConfigModel, LiveItem } from '../config/buildConfigModel';

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
    const isVirtualHost = item.kind === 'section' && item.name.toLowerCase() === 'virtualhost';
    if (!isVirtualHost) {
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
