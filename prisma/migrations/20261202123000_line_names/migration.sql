-- Lines get a name a team chooses ("Support", "Sales west"), shown beside the number (issue 18).
ALTER TABLE "lines" ADD COLUMN "name" TEXT;
