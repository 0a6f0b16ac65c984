import { z } from "zod";
import { LABEL_COLORS } from "./palette";

// What the label routes answer.

export const labelView = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  color: z.string().describe(`One of ${LABEL_COLORS.join(", ")}`),
});

export const labelList = z.object({
  labels: z.array(labelView.extend({ conversations: z.number().int().describe("How many conversations carry it") })),
});

export const conversationLabelAdded = z.object({
  label: labelView,
  changed: z.boolean().describe("false: the conversation already carried it"),
});
export const conversationLabelRemoved = z.object({
  changed: z.boolean().describe("false: the conversation did not carry it"),
});
