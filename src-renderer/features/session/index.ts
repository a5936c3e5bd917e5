export { useChooseAgent, useCurrentAgentQuery, useSessionAgents, useSignIn, useSignOut } from './api';
export { AgentMenu } from './components/AgentMenu';
export { AgentPicker } from './components/AgentPicker';
export { CurrentAgentProvider, useCurrentAgent } from './current-agent';
export { Permitted, useMayPerform } from './permissions';
export { groupAgents } from './group-agents';
export { ChooseAgentPage } from './pages/ChooseAgentPage';
export { SignInPage } from './pages/SignInPage';
export { SignOutButton } from './components/SignOutButton';
