// Checks, before anything is built, that the ports the demo will listen on are free, so a taken
// port is named at once with the variable that moves it (not after a minute of building).
import net from "node:net";

/** Resolves true when 127.0.0.1:port can be listened on now. */
export function portIsFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * @param {{ port: number, variable: string, what: string }[]} wanted
 * @returns {Promise<string[]>} one sentence per taken port, naming how to choose another
 */
export async function takenPorts(wanted) {
  const problems = [];
  for (const { port, variable, what } of wanted) {
    if (!(await portIsFree(port))) {
      problems.push(`Port ${port} (${what}) is already in use by another program. Stop that program, or choose another port: ${variable}=${port + 10} npm run demo`);
    }
  }
  return problems;
}
