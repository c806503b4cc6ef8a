import { endpoint } from "@/lib/api/endpoint";
import { endOwnSession } from "@/lib/login/login";
import { notFound } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/sessions/{id}", {
  async DELETE({ identity, info, params }) {
    if ((await endOwnSession(identity, params.id, info)) === "not-found") return notFound();
  },
});
