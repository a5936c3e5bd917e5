CREATE INDEX "audit_log_at_brin" ON "audit_log" USING brin ("at");--> statement-breakpoint
CREATE INDEX "mutation_log_created_brin" ON "mutation_log" USING brin ("created_at");