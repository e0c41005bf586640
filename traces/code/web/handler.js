// A thin HTTP handler: validates, calls a backend, shapes the answer.
import { validate } from "./schema.js";

export async function handle(request) {
  if (!validate(request.body)) return { status: 400 };
  const response = await fetch(`https://backend.example/items/${request.body.id}`);
  if (!response.ok) return { status: 502 };
  const item = await response.json();
  return { status: 200, body: { id: item.id, name: item.name } };
}
