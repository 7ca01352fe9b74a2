// Auth.js endpoints (sign-in callback, session, CSRF, sign-out).
import { handlers } from "@/lib/auth/next-auth";
export const { GET, POST } = handlers;
