/* klaro v0.7.18 */
