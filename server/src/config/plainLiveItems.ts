// Live items of lines whose words need no substitution (no `${VAR}`): their
// name and words are their node's, read through the prototype. A tree of
// 5000 virtual hosts has 100 000 live items; with name, words and kind as
// fields of each, they took 2.5 MiB more.
import type { DirectiveNode, SectionNode } from '../parser/ast';
import type { LiveDirective, LiveItem, LiveSection } from './buildConfigModel';

export class PlainLiveDirective implements LiveDirective {
  declare readonly kind: 'directive';
  constructor(
    readonly node: DirectiveNode,
    readonly path: string,
  ) {}
  get name(): string {
    return this.node.name;
  }
  get args(): readonly string[] {
    return this.node.words;
  }
}
Object.defineProperty(PlainLiveDirective.prototype, 'kind', { value: 'directive' });

export class PlainLiveSection implements LiveSection {
  declare readonly kind: 'section';
  constructor(
    readonly node: SectionNode,
    readonly path: string,
    readonly children: LiveItem[],
  ) {}
  get name(): string {
    return this.node.name;
  }
  get args(): readonly string[] {
    return this.node.words;
  }
}
Object.defineProperty(PlainLiveSection.prototype, 'kind', { value: 'section' });
