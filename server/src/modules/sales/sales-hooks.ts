/** Loads the sales core's record hooks, visibility extensions and background jobs (they register on import). */
import './accounts-validate.hook.js';
import './leads.hook.js';
import './opportunities.hook.js';
import './followups.hook.js';
import './pool-visibility.js';
import './pool-reclaim.job.js';
import './sales-reminders.service.js';
