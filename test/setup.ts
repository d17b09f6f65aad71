import nock from "nock";
import { afterEach, beforeAll, vi } from "vitest";

// Nothing in the test run may reach the network; loopback servers started by
// the tests themselves are the only exception.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
  // A test that faked the clock (test/clock.ts) gets the real one back, even when it failed midway.
  vi.useRealTimers();
});
