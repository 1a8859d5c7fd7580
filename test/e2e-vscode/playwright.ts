// The part of playwright-core's API the workbench test uses. playwright-core is
// not a project dependency (scripts/setup-code-server.mjs installs it in a
// cache folder, with code-server), so it is loaded from there and typed here.
// Browser-side callbacks see the page's DOM, which this Node project's
// TypeScript settings do not declare: they take the few members they read.
import { createRequire } from 'node:module';

export interface Locator {
  first(): Locator;
  last(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  filter(options: { hasText?: string | RegExp }): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  innerText(): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  click(options?: { timeout?: number; position?: { x: number; y: number } }): Promise<void>;
  count(): Promise<number>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  evaluate<R, E>(callback: (element: E) => R): Promise<R>;
}

export interface Page {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void>; click(x: number, y: number): Promise<void> };
  screenshot(options: { path: string; animations?: 'disabled' | 'allow' }): Promise<unknown>;
  setDefaultTimeout(milliseconds: number): void;
  waitForFunction<A>(callback: (argument: A) => boolean, argument: A, options?: { timeout?: number; polling?: number }): Promise<unknown>;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
}

export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

interface PlaywrightCore {
  chromium: {
    launch(options: { executablePath: string; args?: string[]; headless?: boolean; timeout?: number }): Promise<Browser>;
  };
}

/** playwright-core from `folder` (its package folder in the e2e cache). */
export function loadPlaywright(folder: string): PlaywrightCore {
  return createRequire(__filename)(folder) as PlaywrightCore;
}
