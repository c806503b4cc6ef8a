import { endpoint } from "@/lib/api/endpoint";
import { providerSummaries } from "@/lib/auth/providers";
import { config } from "@/lib/env";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/providers", {
  async GET() {
    return providerSummaries(config);
  },
});
