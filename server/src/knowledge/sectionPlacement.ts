// Which kind of place each context-making section is, as Apache's context
// checks and its merge tell them apart. Conditional and authorization
// sections make no place of their own.
import type { PlacementKind } from './directiveIndex';

const SECTION_PLACEMENTS: Readonly<Record<string, PlacementKind>> = {
  virtualhost: 'virtualhost',
  directory: 'directory',
  directorymatch: 'directory',
  files: 'files',
  filesmatch: 'files',
  location: 'location',
  locationmatch: 'location',
  if: 'if',
  elseif: 'if',
  else: 'if',
  proxy: 'proxy',
  proxymatch: 'proxy',
  limit: 'limit',
  limitexcept: 'limit',
};

export function sectionPlacement(name: string): PlacementKind | undefined {
  return SECTION_PLACEMENTS[name.toLowerCase()];
}
