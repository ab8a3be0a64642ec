/** Run by Jest's global set-up (in tsx): writes the emulator state template into the folder it is given. */
import { makeStateTemplate } from '../../emulator/testing.js'

await makeStateTemplate(process.argv[2])
