export { useChooseAgent, useCurrentAgentQuery, useSessionAgents } from './api';
export { AgentMenu } from './components/AgentMenu';
export { AgentPicker } from './components/AgentPicker';
export { CurrentAgentProvider, useCurrentAgent } from './current-agent';
export { groupAgents } from './group-agents';
export { ChooseAgentPage } from './pages/ChooseAgentPage';
