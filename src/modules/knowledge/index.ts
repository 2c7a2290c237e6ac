// knowledge: the knowledge base behind "Stil et spørgsmål" — governance's national answers and each municipality's
// local ones (Danish and English), searched with Danish full text and explained by the words that matched; a question
// they do not answer handed over to the jobcenter as a message; which answers help, for the content owners.
export { knowledgePages, type KnowledgeNavigation } from './knowledge.pages.ts';
export { knowledgeSeed } from './knowledge.seed.ts';
