/**
 * Version 2: an event's device and library are checked together, by one
 * foreign key to the device (which names its library), instead of one key to
 * each. Stronger (an event's library must be its device's) and one check per
 * stored event instead of two.
 */
export const schemaV2 = `
ALTER TABLE devices ADD CONSTRAINT devices_device_library UNIQUE (device_id, library_id);
ALTER TABLE events
  DROP CONSTRAINT events_device_id_fkey,
  DROP CONSTRAINT events_library_id_fkey,
  ADD CONSTRAINT events_device_library_fkey FOREIGN KEY (device_id, library_id)
    REFERENCES devices (device_id, library_id);
`;
