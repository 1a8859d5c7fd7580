// Whether a tree loads a module that is not one of Apache's own. Such a module
// may register directives, providers, filters or methods of its own, so the
// checks that judge a name against Apache's modules say nothing there.
import type { ConfigModel } from '../config/buildConfigModel';
import { perModel } from '../config/oncePer';
import { defaultModuleIndex } from '../knowledge/moduleIndex';

export const loadsForeignModule = perModel((model: ConfigModel): boolean => [...model.loadedModules.keys()].some((identifier) => !defaultModuleIndex().byIdentifier(identifier)));
