export type IngestContext = { receivedAt: Date };

export type IngestResult = { duplicate: boolean };
