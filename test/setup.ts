import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// Nothing in the test run may reach the network; loopback servers started by
// the tests themselves are the only exception.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});
