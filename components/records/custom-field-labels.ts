// Human names of custom field types (usable from server and client components).
export const fieldTypeLabels: Record<string, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  boolean: "Yes/no",
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
};
