import net from "node:net";
import { describe, expect, it } from "vitest";
import { portIsFree, takenPorts } from "./free-ports.mjs";

describe("takenPorts", () => {
  it("names a port another program listens on and the variable that moves it; a free one passes", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1" }, resolve));
    const busy = (server.address() as net.AddressInfo).port;
    try {
      expect(await portIsFree(busy)).toBe(false);
      const problems = await takenPorts([{ port: busy, variable: "PORT", what: "Stagegate" }]);
      expect(problems).toEqual([`Port ${busy} (Stagegate) is already in use by another program. Stop that program, or choose another port: PORT=${busy + 10} npm run demo`]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await takenPorts([{ port: busy, variable: "PORT", what: "Stagegate" }])).toEqual([]);
  });
});
