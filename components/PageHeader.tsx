export interface PageHeaderProps {
  title: string;
  byline: string;
  siteName: string;
  /** ISO 8601 or ''. */
  publishedTime: string;
}

/** The page's title and, under it, author · site · published date (what is known of them). */
export function PageHeader({ title, byline, siteName, publishedTime }: PageHeaderProps) {
  const day = publishedTime.slice(0, 10);
  const parts = [byline, siteName].filter(Boolean);
  return (
    <header class="page-header">
      <h1>{title}</h1>
      {parts.length > 0 || day ? (
        <p class="byline">
          {parts.join(' · ')}
          {parts.length > 0 && day ? ' · ' : ''}
          {day ? <time dateTime={publishedTime}>{day}</time> : null}
        </p>
      ) : null}
    </header>
  );
}
