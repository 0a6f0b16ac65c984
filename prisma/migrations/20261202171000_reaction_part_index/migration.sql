-- Which part of a multi-part message a reaction is on (Sendblue's send-reaction `part_index`;
-- absent means part 0, as Sendblue defaults it). Kept for reactions sent with one, so the
-- thread and the API say which part was meant.
ALTER TABLE "reactions" ADD COLUMN "part_index" INTEGER;
