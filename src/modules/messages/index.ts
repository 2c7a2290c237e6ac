// messages: threads between a citizen and their jobcenter ("Jobcentret", the organisation responsible for them), with
// attachments told by their bytes, read marks on both sides, the team inbox with assignment and the municipality's
// expected answer time; the knowledge base's hand-over starts a thread from a question.
export { messagePages } from './messages.pages.ts';
export {
  startThreadFromQuestion,
  citizenMessagesSummary,
  unreadThreadsForCitizens,
  expectedAnswerTime,
  type CitizenMessagesSummary,
} from './messages.service.ts';
export { renderCitizenMessagesSection } from './messages.views.ts';
