-- Upgrades that never stop the inbox (issue 20). A migration runs in one transaction before
-- the server serves, so it must stay quick: the schema change only. Work that grows with the
-- data (rewriting a million rows, CREATE INDEX CONCURRENTLY, which cannot run in a
-- transaction) is queued here by the migration and done by lib/db/background-tasks.ts while
-- the server serves: in committed batches whose progress is this row, so a restart resumes
-- where it stopped, by one runner at a time across servers (an advisory lock).

-- CreateTable
CREATE TABLE "background_tasks" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "upper_bound_sql" TEXT,
    "upper_bound" BIGINT,
    "position" BIGINT NOT NULL DEFAULT 0,
    "rows_done" BIGINT NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "background_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "background_tasks_name_key" ON "background_tasks"("name");
