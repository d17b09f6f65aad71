import type {} from "@useautumn/sdk";

declare module "@useautumn/sdk" {
  interface Register {
    catalog: typeof import("./autumn.config");
  }
}
