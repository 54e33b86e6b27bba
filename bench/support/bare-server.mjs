// The baseline for API latency: a bare Fastify route in a process of its own, measured in the same
// run as Parley's routes. Prints its URL on stdout; stops on SIGTERM.
import Fastify from "fastify";

const app = Fastify();
app.get("/", async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${url}\n`);
process.on("SIGTERM", () => void app.close().finally(() => process.exit(0)));
