-- Who has a conversation open, and who is writing in it (issue 14: collision). Browsers
-- send a heartbeat every ~10 s; a row counts until expires_at (30 s after its heartbeat),
-- so a closed tab or a crashed browser drops out on its own. Rows older than that are
-- swept by the next heartbeat. UNLOGGED: presence is worth nothing after a crash, and
-- skipping the WAL keeps a heartbeat per open tab every few seconds cheap.

-- CreateTable
CREATE UNLOGGED TABLE "conversation_presence" (
    "conversation_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_presence_pkey" PRIMARY KEY ("conversation_id","user_id")
);

-- AddForeignKey
ALTER TABLE "conversation_presence" ADD CONSTRAINT "conversation_presence_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
