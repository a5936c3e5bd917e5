import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src-central/db/schema/index.ts',
  out: './drizzle/central',
});
