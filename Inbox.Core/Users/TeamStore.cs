using Dapper;
using Inbox.Core.Storage;

namespace Inbox.Core.Users;

/// <summary>Teams and who is in them.</summary>
public sealed class TeamStore(Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var teams = await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition("SELECT id, name FROM teams ORDER BY name", cancellationToken: cancellationToken));
        var members = (await connection.QueryAsync<(long TeamId, long UserId)>(new CommandDefinition(
            "SELECT team_id, user_id FROM team_members", cancellationToken: cancellationToken))).ToLookup(m => m.TeamId, m => m.UserId);
        return [.. teams.Select(t => new Team(t.Id, t.Name, [.. members[t.Id]]))];
    }

    public async Task<long> AddAsync(string name, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 40)
        {
            throw new UserInputException(CoreText.Get<TeamStore>("TeamNameLength"));
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "INSERT INTO teams (name, created_at) VALUES (@Name, @Now) ON CONFLICT (name) DO NOTHING RETURNING id",
            new { Name = name, Now = time.GetUtcNow() }, cancellationToken: cancellationToken))
            ?? throw new UserInputException(CoreText.Get<TeamStore>("TeamExists", name));
    }

    public async Task SetMemberAsync(long teamId, long userId, bool member, CancellationToken cancellationToken)
    {
        var sql = member
            ? "INSERT INTO team_members (team_id, user_id) VALUES (@TeamId, @UserId) ON CONFLICT DO NOTHING"
            : "DELETE FROM team_members WHERE team_id = @TeamId AND user_id = @UserId";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { TeamId = teamId, UserId = userId }, cancellationToken: cancellationToken));
    }
}

public sealed record Team(long Id, string Name, IReadOnlyList<long> MemberIds);
