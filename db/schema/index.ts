export * from "./records";
export * from "./accounts";
export * from "./events";
export * from "./settings";
export * from "./changes";
