import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { providerSummaries } from "@/lib/auth/providers";
import { config } from "@/lib/env";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/providers", {
  async GET() {
    return json(providerSummaries(config));
  },
});
