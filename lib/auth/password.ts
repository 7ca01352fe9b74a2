// Password hashing with Argon2id (@node-rs/argon2, a maintained native binding).
import { hash, verify } from "@node-rs/argon2";
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Spend the same time as a real check when the account does not exist (no user enumeration by timing). */
const dummy = hash("not-a-real-password-guildhall");
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(await dummy, password);
}
