// The default preference ladder's form fields (config `preference`), kept apart from the other
// sections so the ladder can grow without touching them. Lists are one entry per line, best first.
export const PREFERENCE_FIELDS: [string, 'lines' | 'number' | 'bool'][] = [
  ['order', 'lines'],
  ['subtitles', 'lines'],
  ['groups', 'lines'],
  ['resolutions', 'lines'],
  ['codecs', 'lines'],
  ['sources', 'lines'],
  ['delay_minutes', 'number'],
  ['remove_superseded', 'bool'],
];
