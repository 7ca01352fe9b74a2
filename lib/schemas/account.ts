// Accounts: the password rule (staff forms, sign-up, the CLI) and the member self-sign-up form.
import { z } from "zod";

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const signUpSchema = z
  .object({
    firstName: z.string().trim().min(1, "First name is required").max(100),
    lastName: z.string().trim().min(1, "Last name is required").max(100),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
    password: passwordSchema,
    companyId: z
      .string()
      .uuid("Choose a company from the list")
      .nullable()
      .optional()
      .or(z.literal("").transform(() => null)),
  })
  .strict();
export type SignUpInput = z.input<typeof signUpSchema>;
