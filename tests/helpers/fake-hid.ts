import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../../electron/core/devices/scanners/hid-scanner';

/** A stand-in for node-hid: devices come and go (`present`), an opened one can be made to send reports. */
export class FakeHid implements HidBackend {
  present: HidDeviceInfo[] = [];
  handles: (EventEmitter & { closed: boolean })[] = [];
  devices(): HidDeviceInfo[] {
    return this.present;
  }
  open(devicePath: string): HidHandle {
    if (!this.present.some((d) => d.path === devicePath)) throw new Error(`cannot open ${devicePath}`);
    const handle = Object.assign(new EventEmitter(), {
      closed: false,
      close() {
        handle.closed = true;
      },
    });
    this.handles.push(handle);
    return handle;
  }
}
