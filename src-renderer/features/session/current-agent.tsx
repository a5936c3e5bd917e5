import { createContext, useContext, type ReactNode } from 'react';
import type { Agent } from '../../../src-shared/schemas/entities';

const CurrentAgentContext = createContext<Agent | null>(null);

/** Set by the app once an agent is chosen: everything inside the shell works as that agent. */
export function CurrentAgentProvider({ agent, children }: { agent: Agent; children: ReactNode }) {
  return <CurrentAgentContext.Provider value={agent}>{children}</CurrentAgentContext.Provider>;
}

export function useCurrentAgent(): Agent {
  const agent = useContext(CurrentAgentContext);
  if (agent === null) throw new Error('useCurrentAgent used outside CurrentAgentProvider');
  return agent;
}
