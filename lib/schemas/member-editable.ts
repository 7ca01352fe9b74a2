// Shared by the site settings form (client) and its schema (server); keep this file dependency-free.
/** Person fields staff may let members edit themselves in the portal (column names). */
export const memberEditableChoices = [
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["phone", "Phone"],
  ["job_title", "Job title"],
  ["bio", "Bio"],
  ["profile_image_url", "Profile image URL"],
  ["social_links", "Social media links"],
] as const;
