const STYLES: Record<string, string> = {
  iMessage: "bg-blue-100 text-blue-700 dark:bg-blue-500/20 dark:text-blue-300",
  SMS: "bg-green-100 text-green-700 dark:bg-green-500/20 dark:text-green-300",
  RCS: "bg-violet-100 text-violet-700 dark:bg-violet-500/20 dark:text-violet-300",
};

export function ServiceBadge({ service, inverted }: { service: "iMessage" | "SMS" | "RCS"; inverted?: boolean }) {
  return (
    <span
      className={`rounded px-1 text-[10px] font-semibold leading-4 tracking-wide ${
        inverted ? "bg-blue-800/60 text-white" : STYLES[service]
      }`}
    >
      {service}
    </span>
  );
}
