// frameworks: framework agreements (rammeaftaler) as versioned requirements, and vendors' declarations against
// them, carried over from version to version where a requirement did not change.
export { declarationChecklist, getDeclaration, saveDeclaration, type DeclarationChecklist } from './declarations.service.ts';
export { declarationPages } from './declarations.pages.ts';
export { frameworkPages } from './frameworks.pages.ts';
export { answerText } from './frameworks.views.ts';
export { frameworksSeed } from './frameworks.seed.ts';
export { declarationApiRoutes } from './declarations.routes.ts';
