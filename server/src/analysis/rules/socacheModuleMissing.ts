// mod/socache-module-missing: SSLSessionCache, SSLStaplingCache,
// AuthnCacheSOCache and CacheSocache name a shared-object cache provider,
// which a mod_socache_* module registers. Apache looks the name up while it
// reads the line, with case, and refuses the line when no loaded module
// registered it (verified on 2.4.71: "SSLSessionCache: 'shmcb' session cache
// not supported (known names: ). Maybe you need to load the appropriate
// socache module (mod_socache_shmcb?)."; mod_socache_shmcb also registers
// `default`). A copied ssl.conf without `a2enmod socache_shmcb` is the usual
// cause. Unknown provider names are args/invalid-value's; when the tree loads
// no module at all, which modules Apache has is unknown and nothing is said.
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { wordsOf } from '../fileScope';
import { liveDirectivesMaybeNamed } from '../liveNodes';
import { howToLoad } from '../moduleOfDirective';
import type { Rule } from '../types';

/** The module that registers each provider name. */
const PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['shmcb', 'socache_shmcb_module'],
  ['default', 'socache_shmcb_module'],
  ['dbm', 'socache_dbm_module'],
  ['memcache', 'socache_memcache_module'],
  ['redis', 'socache_redis_module'],
  ['dc', 'socache_dc_module'],
]);

/** Apache's refusal, per directive, for a provider name. */
const REFUSALS: ReadonlyMap<string, (name: string) => string> = new Map([
  ['sslsessioncache', (name: string) => `SSLSessionCache: '${name}' session cache not supported`],
  ['sslstaplingcache', (name: string) => `SSLStaplingCache: '${name}' stapling cache not supported`],
  ['authncachesocache', (name: string) => `AuthnCacheSOCache: Unknown socache provider '${name}'`],
  ['cachesocache', (name: string) => `Unknown socache provider '${name}'`],
]);
const NAMES = [...REFUSALS.keys()];
/** SSLSessionCache values that name no provider. */
const NO_PROVIDER = new Set(['none', 'nonenotnull']);

export const socacheModuleMissing: Rule = {
  id: 'mod/socache-module-missing',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/socache.html',
  summary: '`SSLSessionCache`, `SSLStaplingCache`, `AuthnCacheSOCache` or `CacheSocache` names a cache (`shmcb:`, `dbm:`…) whose mod_socache module is not loaded, or writes its name in another case.',
  check({ file, scope, report }) {
    const { model } = scope;
    if (!model.modulesKnown) return;
    const modules = defaultModuleIndex();
    for (const node of liveDirectivesMaybeNamed(file, scope, NAMES)) {
      const words = wordsOf(scope, node);
      const directive = words.name.toLowerCase();
      const refusal = REFUSALS.get(directive);
      const value = words.args[0];
      if (!refusal || value === undefined || model.isDirectiveAvailable(words.name) === false) continue;
      const name = value.split(':')[0];
      const identifier = PROVIDERS.get(name.toLowerCase());
      if (!identifier || (directive === 'sslsessioncache' && NO_PROVIDER.has(name.toLowerCase()))) continue;
      // A line with ${VAR} is reported on its name: its words are the substituted ones.
      const range = scope.resolved.has(node) || !node.args[0] ? node.nameRange : node.args[0].range;
      const apache = refusal(directive === 'authncachesocache' ? value : name);
      const fact = modules.byIdentifier(identifier);
      const loaded = model.loadedModules.has(identifier) || fact?.compiledIn === true;
      const wrongCase = !PROVIDERS.has(name);
      if (loaded && !wrongCase) continue;
      const source = `mod_${identifier.replace(/_module$/, '')}`;
      const load = loaded
        ? ''
        : `The '${name.toLowerCase()}' cache comes from ${source}, which this configuration does not load. ` +
          (fact?.file ? `To fix it, ${howToLoad(fact, model)}.` : `This Apache has no ${source}: choose another cache, such as shmcb.`);
      report({
        range,
        message: `Apache refuses this line: "${apache}". ${wrongCase ? `Cache names are compared with case: write ${name.toLowerCase()}. ` : ''}${load}`.trimEnd(),
        ...(fact?.file && !loaded ? { data: { modules: [{ identifier, file: fact.file }] } } : {}),
      });
    }
  },
};
