// The error classes live with the pipeline that makes them (src/lib/errors); this path keeps re-exporting them.
export * from "../../lib/errors/index.js";
